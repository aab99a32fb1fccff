import { loadFy2018CodeSets, loadGemCases } from './eval/gem/load.ts';
import { releaseTitleIndex, matchTitle } from '#core/coding/diagnoses/release-titles';
import { termsOf } from '#core/coding/diagnoses/release-terms';
const shared='/work/shared/data';
const cs = loadFy2018CodeSets(shared);
let t=performance.now();
const idx = releaseTitleIndex(cs,'2018-03-01')!;
console.log('index ms', performance.now()-t, idx.entries.length);
const cases = loadGemCases(shared).filter(c=>c.half==='development');
t=performance.now();
let ok=0, n=0; const bad:string[]=[];
const bands=new Map<string,[number,number]>();
for (const c of cases) { const m = matchTitle(idx, termsOf(c.title)); n++; const right = m?.code===c.icd10; if(right) ok++; else bad.push(`${c.title} | got ${m?.code} ${m?.title} | want ${c.icd10} | cov ${m?.coverage.toFixed(2)} un ${m?.unaccounted} unk ${m?.unknown} unsaid ${m?.unsaid} tied ${m?.tied}`);
 if (m) { const k = `${m.unknown.length===0?"K0":"K+"} ${m.unaccounted.length===0?'U0':'U+'} ${m.unsaid.length===0?'S0':'S+'} ${m.tied?'T':''}`; const b=bands.get(k)??[0,0]; b[0]++; if(right)b[1]++; bands.set(k,b);} }
console.log('ms', performance.now()-t, 'top1', ok/n);
console.log([...bands].map(([k,[a,b]])=>`${k}: ${a} ${(b/a*100).toFixed(1)}%`).join('\n'));
(await import('node:fs')).writeFileSync('/tmp/bad.txt', bad.join('\n'));
{ const t0=performance.now(); for (const c of cases) matchTitle(idx, termsOf(c.title)); console.log('warm ms', performance.now()-t0); }
