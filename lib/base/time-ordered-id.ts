// Ids that sort by the time they were made (UUID version 7: 48 bits of
// milliseconds, then a counter that starts at random each millisecond and keeps
// ids made within it in order, then 48 random bits; the uuid package), for rows
// written in bulk whose id is indexed: a batch's 500 decision rows and 500 receipts. With
// random ids (version 4) each row's entry landed on a random page of the id's
// index, and at a million rows nearly every such page was written whole to
// PostgreSQL's WAL after a checkpoint (about 400 pages a batch); with these
// they land together at the index's end. Still unguessable (48 fresh random bits each);
// they tell when a row was made, which the row says anyway.
import { v7 } from "uuid";

export function timeOrderedId(): string {
  return v7();
}
