/**
 * The console's frame: a header with its pages (queue, map, routes, KPIs, surveys, quality) as tabs of the
 * URL, so each page has its own address to bookmark and the browser's back button works.
 */
import { lazy, Suspense, useEffect } from 'react';
import { NavLink, Route, Routes } from 'react-router-dom';
import { Box, Flex, Loader } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { loadMapConfig } from '../components/map-config';
import { useT, type TKey } from '../i18n';

const QueuePage = lazy(() => import('./QueuePage'));
const MapPage = lazy(() => import('./MapPage'));
const RoutesPage = lazy(() => import('./RoutesPage'));
const KpiPage = lazy(() => import('./KpiPage'));
const SurveysPage = lazy(() => import('./SurveysPage'));
const QualityPage = lazy(() => import('./QualityPage'));

const TABS: { to: string; label: TKey }[] = [
  { to: '', label: 'nav.queue' },
  { to: 'map', label: 'nav.map' },
  { to: 'routes', label: 'nav.routes' },
  { to: 'kpis', label: 'nav.kpis' },
  { to: 'surveys', label: 'nav.surveys' },
  { to: 'quality', label: 'nav.quality' },
];

function Tabs() {
  const t = useT();
  return (
    <Flex gap={2} tag="nav" aria-label={t('nav.label')}>
      {TABS.map((tab) => (
        <NavLink
          key={tab.label}
          to={tab.to}
          end
          data-testid={`urp-tab-${tab.to || 'queue'}`}
          style={({ isActive }) => ({
            padding: '8px 16px',
            borderRadius: 4,
            textDecoration: 'none',
            fontWeight: 600,
            color: isActive ? '#fff' : '#4945ff',
            background: isActive ? '#4945ff' : '#f0f0ff',
          })}
        >
          {t(tab.label)}
        </NavLink>
      ))}
    </Flex>
  );
}

export default function App() {
  const t = useT();
  const { get } = useFetchClient();
  // The base map's settings, asked for while a page's own code loads: the map pages then start
  // with the view they need instead of waiting for them.
  useEffect(() => {
    void loadMapConfig(get);
  }, []);
  return (
    <Page.Main>
      <Page.Title>{t('title')}</Page.Title>
      <Layouts.Header title={t('title')} subtitle={t('subtitle')} secondaryAction={<Tabs />} />
      <Layouts.Content>
        <Suspense
          fallback={
            <Box padding={8}>
              <Loader>{t('loading')}</Loader>
            </Box>
          }
        >
          <Routes>
            <Route index element={<QueuePage />} />
            <Route path="map" element={<MapPage />} />
            <Route path="routes" element={<RoutesPage />} />
            <Route path="kpis" element={<KpiPage />} />
            <Route path="surveys" element={<SurveysPage />} />
            <Route path="quality" element={<QualityPage />} />
          </Routes>
        </Suspense>
      </Layouts.Content>
    </Page.Main>
  );
}
