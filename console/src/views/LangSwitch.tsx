import { useI18n } from '../i18n.ts';

/** Toggles the console between English and Persian (the label is in the other language). */
export function LangSwitch() {
  const { t, lang, setLang } = useI18n();
  const other = lang === 'fa' ? 'en' : 'fa';
  return (
    <button type="button" class="ghost lang-switch" lang={other} title={t('switchLangLabel')} onClick={() => setLang(other)}>
      {t('switchLang')}
    </button>
  );
}
