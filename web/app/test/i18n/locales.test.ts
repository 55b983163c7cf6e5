import { afterEach, describe, expect, it } from "vitest";
import { createI18n, initialLocale, LOCALE_STORAGE_KEY, localeOf, storeLocale } from "../../src/i18n/locales";

afterEach(() => localStorage.clear());

describe("initialLocale", () => {
  it("prefers the choice stored in this browser", () => {
    storeLocale("fr");
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe("fr");
    expect(initialLocale(["en-US"])).toBe("fr");
  });

  it("then the first browser language we translate", () => {
    expect(initialLocale(["de-CH", "fr-CA", "en"])).toBe("fr");
  });

  it("then English", () => {
    expect(initialLocale(["de", "mg"])).toBe("en");
  });

  it("ignores a stored value that is not a locale", () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, "klingon");
    expect(initialLocale(["en-GB"])).toBe("en");
  });
});

describe("localeOf", () => {
  it("reads the language of a tag", () => {
    expect(localeOf("fr_BE")).toBe("fr");
    expect(localeOf("EN-ca")).toBe("en");
    expect(localeOf("es")).toBeNull();
    expect(localeOf(undefined)).toBeNull();
  });
});

describe("createI18n", () => {
  it("is ready at once, in the asked locale", () => {
    const i18n = createI18n("fr");
    expect(i18n.t("login.title")).toBe("Connexion");
    expect(i18n.t("upload.added", { n: 3 })).toBe("Fichiers ajoutés\u00a0: 3");
  });
});
