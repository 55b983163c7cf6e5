/** The wire types of connected cloud storage, named as the server's OpenAPI schema names them. */
import type { components } from "@annota/api-client";

type Schemas = components["schemas"];

export type CloudStoragePublic = Schemas["CloudStoragePublic"];
export type CloudStorageCreate = Schemas["CloudStorageCreate"];
export type CloudMediaImport = Schemas["CloudMediaImport"];
export type ObjectListing = Schemas["ObjectListing"];
export type StoredObject = Schemas["StoredObjectPublic"];
export type MediaAdded = Schemas["MediaAdded"];
