import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en } from './messages.en.js';
import { type MessageKey, zh } from './messages.zh.js';

export type Language = 'zh' | 'en';
const STORAGE_KEY = 'chainbrain.lang';
const messages: Record<Language, Record<MessageKey, string>> = { zh, en };

type I18n = {
  lang: Language;
  setLang(lang: Language): void;
  /** The text of a key; {name} placeholders are filled from `values`. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** Picks the zh or en variant of a bilingual field. */
  pick(zhText: string, enText: string): string;
};

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  // The page's language follows the one in use from the start, not only after a switch (screen readers,
  // fonts and hyphenation read it).
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, values) =>
        values
          ? messages[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
          : messages[lang][key],
      pick: (zhText, enText) => (lang === 'zh' ? zhText : enText),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
