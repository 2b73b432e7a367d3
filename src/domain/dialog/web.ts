/** "web", "/web" (a login link for the browser) and "đăng xuất web" (end every web session), in any channel. */
import { cleanText, fold } from '../answers/normalize.js';

export type WebCommand = 'link' | 'logout';

const LINK = /^\/?(?:web|trang web|xem tren web|dang nhap web)(?:@\w+)?$/;
const LOGOUT = /^\/?(?:dang xuat web|dangxuatweb|thoat web)(?:@\w+)?$/;

/** The web command a whole message is, or undefined (anything else goes to the dialog as before). */
export function parseWebCommand(text: string): WebCommand | undefined {
  const folded = fold(cleanText(text)).replace(/\s+/g, ' ').trim();
  if (LINK.test(folded)) return 'link';
  if (LOGOUT.test(folded)) return 'logout';
  return undefined;
}
