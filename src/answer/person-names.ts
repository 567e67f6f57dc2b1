import { MONTH_NAMES } from "../dates/index.js";

// Capitalized words that make the run they end a place, a body, a work or an event rather than a person: general English.
const NOT_PERSON = new Set([
  "Province", "State", "County", "District", "Sea", "Ocean", "Oceans", "Port", "Bay", "City", "Town", "Island", "Islands", "Strait",
  "River", "Lake", "Mountain", "Mountains", "Valley", "Region", "Street", "Road", "Avenue", "Square", "Park", "Station", "Airport",
  "Forum", "Summit", "Organization", "Organisation", "Council", "Ministry", "Department", "Committee", "Commission", "Agency",
  "Authority", "Bureau", "Office", "Board", "Fleet", "Navy", "Army", "Forces", "Force", "Union", "Declaration", "Initiative",
  "Exercise", "Group", "Party", "Assembly", "Conference", "Congress", "Parliament", "Senate", "Court", "University", "College",
  "School", "Institute", "Academy", "Library", "Museum", "Hospital", "Cathedral", "Church", "Expo", "Guard", "Headquarters",
  "Statement", "Treaty", "Act", "Review", "Report", "Meeting", "Festival", "Day", "Week", "Prize", "Award", "Games", "Cup", "War", "Revolution", "Federation", "Republic", "Kingdom", "Empire", "Company", "Corporation", "Inc", "Ltd", "GmbH",
  "Bank", "Fund", "Foundation", "Associates", "Partners", "Holdings", "Consulting", "Consultants", "Solutions", "Systems", "Technologies", "Software", "Labs", "LLC", "LLP", "PLC", "AG", "SA", "Center", "Centre", "Plan", "Program", "Programme", "Project", "Team", "Service", "Services",
  "East", "West", "North", "South", "Western", "Eastern", "Northern", "Southern", "Central", "Global", "International", "National",
]);
// Capitalized words that end a run without saying what it was: a sentence's first word, a day, a month.
const BREAKS = new Set([
  "The", "This", "That", "These", "Those", "In", "On", "At", "As", "After", "Before", "During", "While", "For", "With", "From",
  "And", "But", "Or", "If", "When", "Where", "What", "Who", "Which", "A", "An", "It", "Its", "He", "She", "They", "We", "Our",
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  ...MONTH_NAMES, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
]);
const TITLE = /^(President|Premier|Minister|FM|PM|Secretary|Gen|General|Adm|Admiral|Prof|Professor|Dr|Mr|Mrs|Ms|Mx|Sir|Dame|Lord|Lady|Ambassador|Envoy|Chairman|Chairwoman|Chair|Commander|Director|Director-General|Advisor|Adviser|Vice|Deputy|Senator|Governor|Mayor|King|Queen|Prince|Princess|Pope|Saint|St|Captain|Capt|Lt|Col|Judge|Justice|Chancellor|CEO|CTO|CFO|COO)\.?$/;
// Words that name a people or language ("Chinese", "Brazilian"): adjectives, not names.
const DEMONYM = /(ian|ese|ish|ean|ic|i)$/;

/**
 * Names that look like people's in a passage: runs of two or more capitalized words ("Li Hui",
 * "Zoë Hartmann") or one after a title ("FM Lavrov", "Dr. Okafor"), with places, bodies, events,
 * months and words for peoples split off. A heuristic for one purpose: a who-question's answer must
 * name someone.
 */
export function personNames(text: string): string[] {
  const words = text.match(/[\p{L}][\p{L}’'.-]*/gu) ?? [];
  const names: string[] = [];
  let run: string[] = [];
  let titled = false;
  const close = () => {
    if (run.length >= 2 || (run.length === 1 && titled)) names.push(run.join(" "));
    run = [];
  };
  for (const raw of words) {
    const word = raw.replace(/[’']s$/, "").replace(/\.$/, "");
    const capitalized = /^\p{Lu}/u.test(word);
    if (capitalized && TITLE.test(word)) {
      close();
      titled = true;
      continue;
    }
    const acronym = word.length > 1 && word === word.toUpperCase();
    if (capitalized && NOT_PERSON.has(word)) {
      // "Regional Water Authority": the words before were the body's name, not a person's.
      run = [];
      titled = false;
      continue;
    }
    if (!capitalized || acronym || BREAKS.has(word) || (run.length === 0 && DEMONYM.test(word) && word.length > 4)) {
      close();
      titled = false;
      continue;
    }
    run.push(word);
  }
  close();
  return names;
}
