import type { ko } from './ko'

/**
 * The English of a Korean message tree: the same keys with any string values, and beside each plural
 * message `x_other` its singular `x_one` too. Korean has one form only (i18next picks `x_other` for
 * every count), English two: a message said with a number (`t(key, { count })`, the number written
 * `{{count, number}}` for its grouping) is `x_other` in Korean and `x_one` + `x_other` in English.
 */
export type English<T> = { [K in keyof T]: T[K] extends string ? string : English<T[K]> } & {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_one` : never]: string
}

// en.ts must provide every key of ko.ts (and no others), with the singulars English needs.
export type Messages = English<typeof ko>
