/**
 * What a column's name says it holds (`userId`, `Customer ID`, `movie_title`, `rating`…), and which modality
 * a feature file's name says it is: the word lists the mapping guess reads names against.
 */
import { stemOf } from './values';

const words = (s: string) => new Set(s.split(' '));
export const USER = words(
  'user users customer customers client member visitor viewer reader buyer account uid userid',
);
export const ITEM = words(
  'item items movie movies product products video videos sku asin song track book article business iid itemid movieid productid isbn film photo post',
);
export const ID_MODS = words('id ids key no num number code index idx');
export const RATING = words('rating ratings score stars star rate grade');
export const RATING_MODS = words('user review overall value given');
export const LABEL = words(
  'label click clicked clicks like liked likes target purchase purchased converted conversion',
);
export const LABEL_MODS = words('is has did was binary');
export const TIME = words('timestamp time ts date datetime when epoch unixtime created');
export const TIME_MODS = words(
  'event unix utc at rating review seconds sec ms of watch watched view interaction click',
);
export const TEXT = words(
  'title name description desc summary overview plot text synopsis abstract caption content body',
);
export const MULTI = words('genres genre tags tag categories keywords');
export const USER_ATTR = words(
  'age gender sex occupation job zip zipcode country city region location income',
);

/** `userId`, `Customer ID`, `user_id:token` → ['user', 'id'] etc. */
export function nameTokens(name: string): string[] {
  const bare = name.replace(/:(token_seq|token|float_seq|float)$/, '');
  return bare
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Some token is a core word and every other token a core word or an allowed modifier. */
export function named(tokens: readonly string[], core: Set<string>, mods: Set<string>): boolean {
  return tokens.some((t) => core.has(t)) && tokens.every((t) => core.has(t) || mods.has(t));
}

/** Id names also come glued: `visitorid`, `productkey`. */
function idTokens(name: string): string[] {
  return nameTokens(name).flatMap((t) => {
    const m = /^(\p{L}{2,}?)(id|key)$/u.exec(t);
    return m && (USER.has(m[1]) || ITEM.has(m[1])) ? [m[1], m[2]] : [t];
  });
}

/** `user_id`, `userId`, `Customer ID`, `uid`, `visitorid`, … */
export function isUserName(name: string): boolean {
  return named(idTokens(name), USER, ID_MODS);
}

/** `item_id`, `movieId`, `Product SKU`, `asin`, … (not `movie_title`). */
export function isItemName(name: string): boolean {
  return named(idTokens(name), ITEM, ID_MODS);
}

/** Modality name of a feature file: `image_feat` → visual, `text_feat` → text, `audio_feat` → acoustic. */
export function modalityNameFor(fileName: string): string {
  const tokens = nameTokens(stemOf(fileName)).filter(
    (t) => !['feat', 'feats', 'features', 'feature', 'emb', 'embedding', 'embeddings'].includes(t),
  );
  if (tokens.some((t) => ['image', 'img', 'visual', 'v', 'vision', 'poster', 'cover'].includes(t)))
    return 'visual';
  if (tokens.some((t) => ['text', 'txt', 't', 'title', 'description'].includes(t))) return 'text';
  if (tokens.some((t) => ['audio', 'acoustic', 'a', 'sound', 'music'].includes(t))) return 'acoustic';
  return tokens.join('_') || stemOf(fileName);
}
