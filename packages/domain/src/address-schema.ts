import * as z from 'zod/mini';
import { freeText } from './visible-text';

// Where an order ships: validated in an order request, and again by BookShipment before it books.

/** ISO 3166-1 alpha-2: the 249 officially assigned country codes. */
const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
  'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE ' +
  'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM ' +
  'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC ' +
  'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
  'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO ' +
  'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ') as [string, ...string[]];

/** A name or an address line: one schema for the three fields that take one. */
const line = freeText(200);

export const AddressSchema = z
  .strictObject({
    name: line,
    line1: line,
    line2: z.optional(line),
    city: freeText(100),
    postalCode: freeText(20),
    country: z
      .enum(COUNTRY_CODES)
      .register(z.globalRegistry, { description: 'ISO 3166-1 alpha-2 country code', example: 'DE' }),
  })
  .register(z.globalRegistry, { id: 'Address' });
export type Address = z.infer<typeof AddressSchema>;
