// Preloaded (node --require) for aws-local-stepfunctions, which needs Node 22's
// Promise.withResolvers; the project runs on Node 20. Used by the benchmark's peer run only.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
