/** Demo module: the demo workspace's data, loaded through the other modules' use cases. */
export * from './load-demo.ts';
