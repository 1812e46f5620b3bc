import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { SHOPIFY_ORDERS_HEADER as H } from '@evergreen/core';

/**
 * The same orders as Shopify exports them (Shopify admin › Orders › Export, the 79 columns of
 * SHOPIFY_ORDERS_HEADER): `Name` #n, `Id` a 19-digit id, `Email` from the customer, `Created at`
 * as "2026-03-05 17:06:21 +0000", `Total`, `Currency`, `Discount Code`, `Financial Status` paid,
 * `Refunded Amount` 0.00; every 4th order has a second line-item row (same Name, order columns
 * empty), as a multi-item order does. Shopify's export has no landing site: the link-attributed
 * orders of the plain file (about 10%) go in unattributed.
 */
export async function writeShopifyCsv(plainFile: string, file: string) {
  try {
    const s = await stat(file);
    if (s.size > 0) return;
  } catch {}
  const at = (name: string) => H.indexOf(name);
  const [iName, iEmail, iFin, iPaid, iCur, iSub, iTotal, iCode, iCreated, iQty, iItem, iPrice] = [
    'Name',
    'Email',
    'Financial Status',
    'Paid at',
    'Currency',
    'Subtotal',
    'Total',
    'Discount Code',
    'Created at',
    'Lineitem quantity',
    'Lineitem name',
    'Lineitem price',
  ].map(at) as number[];
  const [iRefunded, iId, iVendor, iSource] = ['Refunded Amount', 'Id', 'Vendor', 'Source'].map(
    at,
  ) as number[];
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`${H.join(',')}\n`);
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(plainFile) })) {
    if (n++ === 0) continue; // the plain header
    const [, customer, orderedAt, amount, currency, promo] = line.split(',');
    const iso = orderedAt!;
    const created = `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000`;
    const name = `#${1000 + n}`;
    const row = new Array<string>(H.length).fill('');
    row[iName!] = name;
    row[iEmail!] = `${customer!.toLowerCase()}@example.com`;
    row[iFin!] = 'paid';
    row[iPaid!] = created;
    row[iCur!] = currency!;
    row[iSub!] = amount!;
    row[iTotal!] = amount!;
    row[iCode!] = promo!;
    row[iCreated!] = created;
    row[iQty!] = '1';
    row[iItem!] = 'Serum 30 ml';
    row[iPrice!] = amount!;
    row[iRefunded!] = '0.00';
    row[iId!] = String(5_500_000_000_000_000_000n + BigInt(n));
    row[iVendor!] = 'Northwind';
    row[iSource!] = 'web';
    await write(`${row.join(',')}\n`);
    if (n % 4 === 0) {
      const item = new Array<string>(H.length).fill('');
      item[iName!] = name;
      item[iEmail!] = row[iEmail!]!;
      item[iCreated!] = created;
      item[iQty!] = '1';
      item[iItem!] = 'Toner 100 ml';
      item[iPrice!] = '15.00';
      item[iVendor!] = 'Northwind';
      await write(`${item.join(',')}\n`);
    }
  }
  out.end();
  await once(out, 'finish');
}
