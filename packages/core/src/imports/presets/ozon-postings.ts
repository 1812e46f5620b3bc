import type { PresetData } from './types.ts';

/**
 * Ozon seller account › FBS/FBO › Заказы › «Экспорт CSV» (the postings report, also
 * /v1/report/postings/create): ";"-separated UTF-8 with a BOM, one row per product, the
 * posting's columns repeated on each of its rows. Header as public parsers of this report read
 * it (a Kotlin `OzonPostingReportCsvParser`, a dbt model `raw_report_postings`, a Python
 * collector `ozon_orders_report`, found by the code search): "Номер заказа","Номер отправления",
 * "Принят в обработку","Дата отгрузки","Статус","Дата доставки",
 * "Фактическая дата передачи в доставку","Сумма отправления","Код валюты отправления",
 * "Название товара","SKU","Артикул","Ваша цена","Код валюты товара","Оплачено покупателем",
 * "Код валюты покупателя","Количество","Стоимость доставки","Связанные отправления",
 * "Выкуп товара","Цена товара до скидок","Скидка %","Скидка руб","Акции", … Times are
 * "01.08.2026 14:23" (read in the workspace's time zone).
 *
 * An order is a posting (`Номер отправления`; its later rows are merged into it). Ozon does not
 * give the buyer: the customer is the Ozon order (`Номер заказа`), so repeat purchases are not
 * seen. There is no promo code column: postings are attributed by nothing in the file.
 * Statuses: Доставлен → paid; Отменён → cancelled; Ожидает сборки, Ожидает отгрузки,
 * Доставляется, Арбитраж and any other → pending (not money yet).
 */
export const ozonPostings: PresetData = {
  name: 'ozon',
  kind: 'orders',
  title: 'Ozon postings report',
  source: 'Ozon seller account › Заказы › Экспорт CSV (postings report)',
  recognise: ['Номер заказа', 'Номер отправления', 'Принят в обработку', 'Статус', 'Сумма отправления'],
  columns: {
    'Номер отправления': 'external_id',
    'Принят в обработку': 'ordered_at',
    'Сумма отправления': 'amount',
    'Код валюты отправления': 'currency',
  },
  groupBy: 'Номер отправления',
  firstOf: [{ field: 'customer_id', columns: ['Номер заказа'], fallback: 'Номер заказа' }],
  status: {
    column: 'Статус',
    values: { доставлен: 'paid', отменен: 'cancelled' },
    otherwise: 'pending',
  },
};
