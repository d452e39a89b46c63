/** A small map of where a case is, in the drawer: the console's base map and band colours. */
import { useEffect, useRef } from 'react';
import type { Band } from '../types';
import { BAND_COLOURS, BaseMapNote, L, useLeafletMap, useMapConfig } from './leaflet';

export function MapSnippet({
  latitude,
  longitude,
  band,
}: {
  latitude: number;
  longitude: number;
  band?: Band | null;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const config = useMapConfig();
  const { map, tilesFailed } = useLeafletMap(ref, config);
  useEffect(() => {
    if (!map) return;
    map.setView([latitude, longitude], 16);
    const marker = L.circleMarker([latitude, longitude], {
      radius: 9,
      color: '#32324d',
      weight: 2,
      fillColor: BAND_COLOURS[band ?? 'none'],
      fillOpacity: 0.9,
    }).addTo(map);
    return () => {
      marker.remove();
    };
  }, [map, latitude, longitude, band]);
  return (
    <div style={{ position: 'relative', marginTop: 8 }}>
      <div
        ref={ref}
        data-testid="urp-drawer-map"
        style={{ height: 180, borderRadius: 4, background: '#eaeaef' }}
      />
      <BaseMapNote visible={tilesFailed} />
    </div>
  );
}
