// Dates and times as people read and type them in each language, in local time.
import assert from "node:assert/strict";
import { test } from "node:test";
import { date, dateTime, fromDateInput, setLang, toDateInput } from "../build/i18n.js";

process.env.TZ = "Europe/Stockholm";

test("Swedish: ISO dates, and times as '1 mars 2027 10:00' in local time", () => {
  setLang("sv");
  assert.equal(date("2027-02-27"), "2027-02-27");
  assert.equal(dateTime("2027-03-01T09:00:00.000Z"), "1 mars 2027 10:00");
  assert.equal(toDateInput("2027-02-27"), "2027-02-27");
  assert.equal(fromDateInput(" 2027-2-7 "), "2027-02-07");
  assert.equal(fromDateInput("02/27/2027"), null, "the US form is not a Swedish date");
  assert.equal(fromDateInput("2027-02-30"), null, "no such day");
});

test("English: day before month, never the US order", () => {
  setLang("en");
  assert.equal(date("2027-02-27"), "27 Feb 2027");
  assert.equal(dateTime("2027-03-01T09:00:00.000Z"), "1 March 2027, 10:00");
  assert.equal(toDateInput("2027-02-27"), "27/02/2027");
  assert.equal(fromDateInput("27/02/2027"), "2027-02-27");
  assert.equal(fromDateInput("2027-02-27"), "2027-02-27", "ISO is accepted too");
  assert.equal(fromDateInput("31/04/2027"), null, "no such day");
  setLang("sv");
});
