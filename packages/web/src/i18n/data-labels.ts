import type { MessageKey } from './messages.zh.js';

/** Codes the data carries (size classes, firm tags) and the message that names each in both languages. */
const SIZE_KEYS: Record<string, MessageKey> = {
  large: 'firm.sizeLarge',
  medium: 'firm.sizeMedium',
  small: 'firm.sizeSmall',
  micro: 'firm.sizeMicro',
};
const TAG_KEYS: Record<string, MessageKey> = {
  链主: 'firm.tagChainLeader',
  龙头: 'firm.tagLeading',
  单项冠军: 'firm.tagChampion',
  专精特新: 'firm.tagSpecialized',
};

type Translate = (key: MessageKey) => string;

/** A firm's size class in the reader's language; an unknown code is shown as it is. */
export const sizeLabel = (t: Translate, size: string): string =>
  SIZE_KEYS[size] ? t(SIZE_KEYS[size]) : size;

/** A firm tag in the reader's language; an unknown tag is shown as it is. */
export const tagLabel = (t: Translate, tag: string): string => (TAG_KEYS[tag] ? t(TAG_KEYS[tag]) : tag);
