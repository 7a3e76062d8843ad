/** Parcel `url:` imports (as Plasmo builds them): the URL of the file inside the extension. */
declare module 'url:*' {
  const url: string;
  export default url;
}
