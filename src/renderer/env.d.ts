/** Stylesheets are imported for their side effect; Vite extracts them into a file the CSP allows. */
declare module '*.css';
