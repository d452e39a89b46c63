/**
 * What the public sees of a report: the text shown on the public page (the citizen's own stays for
 * staff), whether the report is private, and per photo whether it is hidden or which parts are
 * blurred (drag on the photo to draw a rectangle). One save, with a reason for the timeline.
 */
import { useRef, useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  Flex,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { useConsolePost } from '../api';
import { useT } from '../i18n';
import type { Moderation, Rect } from '../types';

interface PhotoState {
  id: number;
  url: string;
  hidden: boolean;
  blur: Rect[];
}

function BlurEditor({ photo, onChange }: { photo: PhotoState; onChange: (blur: Rect[]) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [draft, setDraft] = useState<Rect | null>(null);
  const at = (e: React.MouseEvent) => {
    const r = box.current!.getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)),
      y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)),
    };
  };
  const rectOf = (a: { x: number; y: number }, b: { x: number; y: number }): Rect => ({
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    w: Math.abs(a.x - b.x),
    h: Math.abs(a.y - b.y),
  });
  return (
    <div
      ref={box}
      style={{ position: 'relative', display: 'inline-block', cursor: 'crosshair' }}
      onMouseDown={(e) => {
        e.preventDefault();
        setStart(at(e));
      }}
      onMouseMove={(e) => start && setDraft(rectOf(start, at(e)))}
      onMouseUp={(e) => {
        if (!start) return;
        const r = rectOf(start, at(e));
        setStart(null);
        setDraft(null);
        if (r.w > 0.01 && r.h > 0.01) onChange([...photo.blur, r]);
      }}
      data-testid="urp-blur-editor"
    >
      <img
        src={photo.url}
        alt=""
        draggable={false}
        style={{ maxWidth: 260, display: 'block', opacity: photo.hidden ? 0.3 : 1 }}
      />
      {[...photo.blur, ...(draft ? [draft] : [])].map((r, i) => (
        <div
          key={i}
          style={{
            position: 'absolute',
            left: `${r.x * 100}%`,
            top: `${r.y * 100}%`,
            width: `${r.w * 100}%`,
            height: `${r.h * 100}%`,
            background: 'rgba(73,69,255,0.35)',
            border: '1px solid #4945ff',
          }}
        />
      ))}
    </div>
  );
}

export function ModerationPanel({
  code,
  description,
  moderation,
  photos,
  onSaved,
}: {
  code: string;
  description: string | null;
  moderation: Moderation;
  photos: { id?: number; url: string }[];
  onSaved: () => void;
}) {
  const t = useT();
  const post = useConsolePost();
  const [publicText, setPublicText] = useState(moderation.publicText ?? description ?? '');
  const [isPrivate, setPrivate] = useState(moderation.private);
  const [state, setState] = useState<PhotoState[]>(
    moderation.photos.map((m) => ({
      id: m.id,
      url: photos.find((p) => p.id === m.id)?.url ?? m.publicUrl ?? '',
      hidden: m.hidden,
      blur: m.blur,
    }))
  );
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{ ok?: string; error?: string }>({});

  const save = async () => {
    setResult({});
    const text = publicText.trim();
    try {
      await post(`/cases/${encodeURIComponent(code)}/moderate`, {
        publicText: !text || text === description?.trim() ? null : text,
        private: isPrivate,
        photos: state.map((p) => ({ id: p.id, hidden: p.hidden, blur: p.blur })),
        reason: reason.trim(),
      });
      setResult({ ok: t('moderation.saved') });
      setReason('');
      onSaved();
    } catch (e) {
      setResult({ error: (e as Error).message });
    }
  };

  return (
    <Box background="neutral100" padding={4} hasRadius data-testid="urp-moderation">
      <Typography variant="delta">{t('moderation.title')}</Typography>
      <Flex direction="column" alignItems="stretch" gap={3} paddingTop={2}>
        <Textarea
          aria-label={t('moderation.publicText')}
          value={publicText}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setPublicText(e.target.value)}
        />
        <Checkbox checked={isPrivate} onCheckedChange={(v: boolean) => setPrivate(Boolean(v))}>
          {t('moderation.private')}
        </Checkbox>
        {state.length ? (
          <Typography variant="pi" textColor="neutral600">
            {t('moderation.blurHelp')}
          </Typography>
        ) : null}
        <Flex gap={4} wrap="wrap" alignItems="flex-start">
          {state.map((p, i) => (
            <Flex key={p.id} direction="column" alignItems="flex-start" gap={1}>
              <BlurEditor
                photo={p}
                onChange={(blur) =>
                  setState((s) => s.map((x, j) => (j === i ? { ...x, blur } : x)))
                }
              />
              <Flex gap={2}>
                <Checkbox
                  checked={p.hidden}
                  onCheckedChange={(v: boolean) =>
                    setState((s) => s.map((x, j) => (j === i ? { ...x, hidden: Boolean(v) } : x)))
                  }
                >
                  {t('moderation.hide')}
                </Checkbox>
                {p.blur.length ? (
                  <Button
                    size="S"
                    variant="tertiary"
                    onClick={() =>
                      setState((s) => s.map((x, j) => (j === i ? { ...x, blur: [] } : x)))
                    }
                  >
                    {t('moderation.clearBlur')}
                  </Button>
                ) : null}
              </Flex>
            </Flex>
          ))}
        </Flex>
        <TextInput
          aria-label={t('moderation.reason')}
          placeholder={t('moderation.reason')}
          value={reason}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setReason(e.target.value)}
        />
        <Flex justifyContent="space-between">
          <Typography textColor={result.error ? 'danger600' : 'success600'}>
            {result.error ?? result.ok ?? ''}
          </Typography>
          <Button
            variant="secondary"
            disabled={reason.trim().length < 3}
            onClick={save}
            data-testid="urp-moderation-save"
          >
            {t('moderation.save')}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
}
