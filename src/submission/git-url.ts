import type { Bilingual } from "../i18n/text.js";
import { submissionError } from "./submission-error.js";

const URL_FORM = /^(https?|ssh|git|file):\/\//;
const SCP_FORM = /^[\w.-]+@[\w.-]+:/;

/** Anything git can clone that is not a plain local folder. */
export function isGitUrl(source: string): boolean {
  return URL_FORM.test(source) || SCP_FORM.test(source);
}

/**
 * Refuses what could make git do more than clone: a leading `-` (read as an option), the remote-helper
 * syntax `<transport>::<address>` (`ext::` runs a command), whitespace or control characters, a host or
 * user starting with `-` (handed to ssh as an option), and anything isGitUrl() does not accept.
 */
export function validateGitUrl(url: string): void {
  const refuse = (why: Bilingual) => {
    throw submissionError({ en: `refused git URL: ${why.en}`, fr: `URL git refusée : ${why.fr}` });
  };
  if (url.length === 0) refuse({ en: "it is empty", fr: "elle est vide" });
  if (url.startsWith("-")) refuse({ en: 'it starts with "-"', fr: "elle commence par « - »" });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\u0000-\u001f\u007f-\u009f]|\s/u.test(url))
    refuse({
      en: "it contains spaces or control characters",
      fr: "elle contient des espaces ou des caractères de contrôle",
    });
  const helper = /^([A-Za-z0-9+.-]*)::/.exec(url);
  if (helper)
    refuse({
      en: `the "${helper[1]}::" transport is not allowed`,
      fr: `le transport « ${helper[1]}:: » n'est pas permis`,
    });
  if (!isGitUrl(url))
    refuse({
      en: "only http(s)://, ssh://, git://, file:// and user@host:path are accepted",
      fr: "seules les formes http(s)://, ssh://, git://, file:// et utilisateur@hôte:chemin sont acceptées",
    });
  const { user, host } = authority(url);
  if (host.startsWith("-") || user.startsWith("-"))
    refuse({ en: 'its host or user starts with "-"', fr: "son hôte ou son utilisateur commence par « - »" });
  if (!url.startsWith("file://") && host.length === 0)
    refuse({ en: "it names no host", fr: "elle ne nomme aucun hôte" });
}

/** The user and host parts of a URL accepted by isGitUrl(). */
function authority(url: string): { user: string; host: string } {
  const scheme = URL_FORM.exec(url);
  const rest = scheme ? url.slice(scheme[0].length) : url;
  const end = scheme ? rest.search(/[/?#]|$/) : rest.indexOf(":", rest.indexOf("@"));
  const auth = rest.slice(0, end);
  const at = auth.lastIndexOf("@");
  const user = at >= 0 ? auth.slice(0, at) : "";
  const host = at >= 0 ? auth.slice(at + 1) : auth;
  return { user, host: host.replace(/^\[/, "") };
}

/**
 * The URL without credentials: for http(s), git and file URLs the whole `user:password@` part goes; for ssh
 * URLs and `user:password@host:path` only the password (the user name is part of the address).
 */
export function redactUrl(url: string): string {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url);
  if (scheme) {
    const rest = url.slice(scheme[0].length);
    const end = rest.search(/[/?#]|$/);
    const auth = rest.slice(0, end);
    const at = auth.lastIndexOf("@");
    if (at < 0) return url;
    return scheme[0] + keptUser(scheme[1] ?? "", auth.slice(0, at)) + auth.slice(at + 1) + rest.slice(end);
  }
  const scp = /^([^@/:\s]+):[^/\s]*@([^:/\s]+:)/.exec(url);
  return scp ? `${scp[1]}@${scp[2]}${url.slice(scp[0].length)}` : url;
}

function keptUser(scheme: string, userinfo: string): string {
  if (scheme.toLowerCase() !== "ssh") return "";
  const user = userinfo.split(":")[0] ?? "";
  return user ? `${user}@` : "";
}

const URL_WITH_USERINFO = /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s/?#@'"<>]+)@/g;
const AUTH_HEADER = /(authorization:\s*)(basic|bearer|token)\s+[^\s'"]+/gi;

/**
 * A message (git's error output, say) with every given secret removed, in plain, URL-encoded and
 * `x-access-token:` Basic form, and every `user:password@` of a URL stripped as redactUrl() does.
 */
export function redactText(text: string, secrets: string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(Buffer.from(`x-access-token:${secret}`).toString("base64"));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join("***");
  out = out.replace(AUTH_HEADER, "$1$2 ***");
  return out.replace(URL_WITH_USERINFO, (_all, scheme: string, userinfo: string) => {
    return scheme + keptUser(scheme.slice(0, -3), userinfo);
  });
}
