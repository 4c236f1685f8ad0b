/**
 * Folds a name for a forgiving search, in the browser and on the server alike: letter case,
 * Latin accents, Arabic short vowels and other marks, tatweel, the hamza and madda forms of alef
 * (أ إ آ ٱ → ا), hamza on waw and yeh (ؤ → و, ئ → ي), alef maqsura (ى → ي) and teh marbuta
 * (ة → ه), so that "ادلب" finds "إدلب" and "معرة" finds "معرّة". Hyphens, dots and apostrophes
 * count as nothing or a space ("Al-Bab" = "al bab", "Ma'arrat" = "maarrat").
 */
export function foldForSearch(text: string): string {
  return (
    text
      // NFD splits أ into ا + hamza mark, ئ into ي + hamza mark, é into e + accent: the marks go below.
      .normalize("NFD")
      .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/\p{M}/gu, "")
      .replace(/\u0671/g, "\u0627")
      .replace(/\u0649/g, "\u064A")
      .replace(/\u0629/g, "\u0647")
      .replace(/['’‘`ʼʿʾ]/g, "")
      .replace(/[\s\-_.،,]+/g, " ")
      .trim()
      .toLowerCase()
  );
}
