import { DEFAULT_TILE_URL, tileImgSources } from '../../src/lib/map-tiles';

describe('tileImgSources: the CSP img-src entries of a tile URL template', () => {
  it('keeps the scheme and host of a plain template (the default OpenStreetMap one)', () => {
    expect(tileImgSources(DEFAULT_TILE_URL)).toEqual(['https://tile.openstreetmap.org']);
  });

  it('turns {s} subdomains into a wildcard over the rest of the host', () => {
    expect(tileImgSources('https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png')).toEqual([
      'https://*.tile.openstreetmap.fr',
    ]);
    expect(
      tileImgSources('https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png')
    ).toEqual(['https://*.basemaps.cartocdn.com']);
  });

  it('widens a placeholder inside a label, or deeper in the host, to the labels after it', () => {
    expect(tileImgSources('https://tiles-{s}.example.com/{z}/{x}/{y}.png')).toEqual([
      'https://*.example.com',
    ]);
    expect(tileImgSources('https://a.{s}.maps.example.com/{z}/{x}/{y}.png')).toEqual([
      'https://*.maps.example.com',
    ]);
  });

  it('keeps a port, lower-cases the host and drops credentials, path and query', () => {
    expect(tileImgSources('http://User:pw@Tiles.Local:8080/{z}/{x}/{y}.png?key=abc')).toEqual([
      'http://tiles.local:8080',
    ]);
  });

  it('keeps a protocol-relative template scheme-less', () => {
    expect(tileImgSources('//tile.example.org/{z}/{x}/{y}.png')).toEqual(['tile.example.org']);
  });

  it('adds nothing for relative, empty, non-web or over-wide templates', () => {
    expect(tileImgSources('/tiles/{z}/{x}/{y}.png')).toEqual([]);
    expect(tileImgSources('')).toEqual([]);
    expect(tileImgSources(undefined)).toEqual([]);
    expect(tileImgSources('ftp://tiles.example.org/{z}/{x}/{y}.png')).toEqual([]);
    expect(tileImgSources('https://{s}.org/{z}/{x}/{y}.png')).toEqual([]);
    expect(tileImgSources('https://bad host/{z}.png')).toEqual([]);
    expect(tileImgSources("https://x.org;script-src 'unsafe-eval'/{z}.png")).toEqual([]);
  });
});
