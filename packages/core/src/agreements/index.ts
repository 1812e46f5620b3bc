export * from './agreements.ts';
export * from './as-creator.ts';
export * from './deliverables.ts';
export * from './document.ts';
export * from './document-pdf.ts';
export * from './ledger.ts';
export * from './lifecycle.ts';
export * from './pipeline.ts';
export {
  type AgreementRow,
  getAgreementRow,
  lockAgreement,
  nextTermsOf,
  ratesOf,
} from './queries.ts';
export * from './renew.ts';
export * from './send-agreement.ts';
export * from './transitions.ts';
