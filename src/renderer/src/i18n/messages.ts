import type { ko } from './ko'

// Same tree as ko.ts with any string values, so en.ts must provide every key (and no others).
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type Messages = Widen<typeof ko>
