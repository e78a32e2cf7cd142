/** Stylesheets are imported for their side effect; Vite extracts them into a file the CSP allows. */
declare module '*.css';
/** Files imported with `?url` resolve to the URL Vite gives them in the built page. */
declare module '*?url' {
  const url: string;
  export default url;
}
