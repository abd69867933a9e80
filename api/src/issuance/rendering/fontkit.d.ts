// fontkit (pdfkit's font engine) ships no types; the renderer only parses fonts once with it.
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    layout(text: string): unknown;
  }
  export function create(buffer: Buffer): Font;
}
