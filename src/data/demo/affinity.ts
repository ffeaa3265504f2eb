/**
 * Planted effect "demographics × topic": how much each age bucket and gender likes each topic, as a
 * like-logit shift. It is applied twice: in full to every like (likes.ts), so that a model must cross a user
 * field with an item field to win, and scaled down to the users' tastes (users.ts), so that users also get
 * shown more of what their group likes.
 */

/**
 * Like-logit shift by age bucket (rows) and topic (columns, DEMO_TOPICS order). Strong on purpose: young users
 * like dance/gaming, older users news/cooking.
 *                 dance gaming cook  pets  travel news comedy music sports beauty sci   diy
 */
export const AGE_TOPIC: readonly (readonly number[])[] = [
  [1.6, 1.5, -1.0, 0.3, -0.6, -1.6, 0.8, 0.9, 0.2, 0.5, -0.4, -0.6], // <18
  [1.2, 1.0, -0.5, 0.2, 0.2, -1.0, 0.6, 0.7, 0.2, 0.6, -0.2, -0.3], // 18-24
  [0.2, 0.3, 0.3, 0.2, 0.6, 0.0, 0.3, 0.2, 0.3, 0.3, 0.2, 0.3], // 25-34
  [-0.6, -0.4, 0.8, 0.3, 0.5, 0.6, 0.0, -0.2, 0.3, -0.1, 0.3, 0.6], // 35-44
  [-1.2, -1.1, 1.2, 0.3, 0.4, 1.2, -0.3, -0.4, 0.2, -0.4, 0.3, 0.8], // 45-54
  [-1.6, -1.6, 1.5, 0.4, 0.3, 1.6, -0.4, -0.5, 0.0, -0.6, 0.2, 0.7], // 55+
];

/** Milder gender × topic shift (female, male, other). */
export const GENDER_TOPIC: readonly (readonly number[])[] = [
  [0.2, -0.4, 0.2, 0.1, 0.1, 0.0, 0.0, 0.1, -0.4, 0.7, -0.1, 0.0],
  [-0.2, 0.4, -0.2, -0.1, 0.0, 0.1, 0.1, 0.0, 0.5, -0.6, 0.2, 0.1],
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
];
