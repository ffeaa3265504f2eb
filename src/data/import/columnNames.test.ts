import { describe, expect, it } from 'vitest';
import { isItemName, isUserName, modalityNameFor, nameTokens } from './columnNames';

describe('column names', () => {
  it('splits camelCase, separators and RecBole types into tokens', () => {
    expect(nameTokens('userId')).toEqual(['user', 'id']);
    expect(nameTokens('Customer ID')).toEqual(['customer', 'id']);
    expect(nameTokens('item_id:token')).toEqual(['item', 'id']);
    expect(nameTokens('Product-SKU')).toEqual(['product', 'sku']);
  });

  it('knows id columns, and that a movie title is not a movie id', () => {
    for (const n of ['user', 'userId', 'user_id', 'uid', 'Customer ID', 'visitorid'])
      expect(isUserName(n)).toBe(true);
    for (const n of ['item', 'itemId', 'movieId', 'product', 'video_id', 'ASIN'])
      expect(isItemName(n)).toBe(true);
    expect(isItemName('movie_title')).toBe(false);
    expect(isUserName('user name')).toBe(false);
  });

  it('names modalities after feature files', () => {
    expect(modalityNameFor('image_feat.npy')).toBe('visual');
    expect(modalityNameFor('data/text_feat.npy')).toBe('text');
    expect(modalityNameFor('audio_features.csv')).toBe('acoustic');
    expect(modalityNameFor('clip_embeddings.csv')).toBe('clip');
  });
});
