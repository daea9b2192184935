// The ES module entry of @kubegen/runtime. It re-exports the CommonJS build rather than a second copy of it, so that
// `import` and `require` in one program share one ApiError, one NotServedError, one Client: `instanceof` holds
// whichever way a generated package or the application loaded the runtime.
export * from '../dist/index.js';
