// esbuild bundles imported CSS into app.css; to the type checker the import is only a side effect.
declare module '*.css';
