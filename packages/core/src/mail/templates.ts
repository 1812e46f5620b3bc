import type { Language } from '@evergreen/contracts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const roleNames: Record<Language, Record<string, string>> = {
  en: { owner: 'owner', manager: 'manager', analyst: 'analyst (read-only)', creator: 'creator' },
  ru: { owner: 'владелец', manager: 'менеджер', analyst: 'аналитик (только чтение)', creator: 'автор' },
};

export interface InvitationEmailInput {
  lang: Language;
  workspaceName: string;
  inviterName: string;
  role: string;
  acceptUrl: string;
  expiresAt: Date;
}

/** The invitation email in the workspace's language. */
export function invitationEmail(i: InvitationEmailInput): { subject: string; text: string; html: string } {
  const role = roleNames[i.lang][i.role] ?? i.role;
  const date = i.expiresAt.toLocaleDateString(i.lang === 'ru' ? 'ru-RU' : 'en-US', { dateStyle: 'long' });
  const t =
    i.lang === 'ru'
      ? {
          subject: `${i.inviterName} приглашает вас в «${i.workspaceName}» в Evergreen`,
          lines: [
            `${i.inviterName} приглашает вас в рабочее пространство «${i.workspaceName}» в Evergreen с ролью: ${role}.`,
            'Чтобы принять приглашение, откройте ссылку:',
            i.acceptUrl,
            `Ссылка действует до ${date}.`,
          ],
          button: 'Принять приглашение',
        }
      : {
          subject: `${i.inviterName} invited you to ${i.workspaceName} on Evergreen`,
          lines: [
            `${i.inviterName} invited you to the ${i.workspaceName} workspace on Evergreen as ${role}.`,
            'To accept the invitation, open this link:',
            i.acceptUrl,
            `The link works until ${date}.`,
          ],
          button: 'Accept invitation',
        };
  const html = `<p>${esc(t.lines[0]!)}</p><p><a href="${esc(i.acceptUrl)}">${esc(t.button)}</a></p><p>${esc(
    t.lines[3]!,
  )}</p>`;
  return { subject: t.subject, text: t.lines.join('\n\n'), html };
}

export interface PasswordResetEmailInput {
  lang: Language;
  name: string;
  resetUrl: string;
  validMinutes: number;
}

/** The "forgot password" email in the account's language. */
export function passwordResetEmail(i: PasswordResetEmailInput): {
  subject: string;
  text: string;
  html: string;
} {
  const t =
    i.lang === 'ru'
      ? {
          subject: 'Новый пароль для Evergreen',
          lines: [
            `${i.name}, кто-то (надеемся, вы) попросил задать новый пароль для вашей учётной записи Evergreen.`,
            'Чтобы задать новый пароль, откройте ссылку:',
            i.resetUrl,
            `Ссылка действует ${i.validMinutes} минут и только один раз. Если вы не просили новый пароль, ничего не делайте: старый продолжит работать.`,
          ],
          button: 'Задать новый пароль',
        }
      : {
          subject: 'Set a new Evergreen password',
          lines: [
            `${i.name}, someone (we hope you) asked to set a new password for your Evergreen account.`,
            'To set a new password, open this link:',
            i.resetUrl,
            `The link works for ${i.validMinutes} minutes and only once. If you did not ask for it, do nothing: your password stays as it is.`,
          ],
          button: 'Set a new password',
        };
  const html = `<p>${esc(t.lines[0]!)}</p><p><a href="${esc(i.resetUrl)}">${esc(t.button)}</a></p><p>${esc(
    t.lines[3]!,
  )}</p>`;
  return { subject: t.subject, text: t.lines.join('\n\n'), html };
}
