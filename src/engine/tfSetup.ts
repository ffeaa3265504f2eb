/**
 * Side-effect imports tfjs-core needs when used without the `@tensorflow/tfjs` umbrella package:
 * gradients (without them `tf.grad` throws) and chained ops (`x.add(y)`).
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
