// Progressive enhancement for the hosted survey page (it works fully without this script): the
// follow-up prompt follows the chosen score's category, and a score a person picks is saved at
// once. Allowed by its hash in the CSP; it uses no other source.
//
// Nothing is sent without a person's act. Mail scanners render the page (Microsoft Defender Safe
// Links detonation, Proofpoint and Mimecast sandboxes) and some open every ?score=N link of an
// email, so neither loading the page nor the preselected ?score=N records anything: the person
// confirms with Send (a form POST, which scanners do not make; RFC 8058 relies on the same fact)
// or picks a score. A pick counts only when a trusted click, tap or key press (isTrusted: made by
// the browser for real input, never by a script's el.click() or dispatchEvent) on the form came
// just before the radio's change.
export const PAGE_SCRIPT = `(function(){var f=document.getElementById('kp-form');if(!f)return;
var st=document.getElementById('kp-status'),p=document.getElementById('kp-prompt'),t=0,act=0;
function chosen(){return f.querySelector('input[name=score]:checked')}
function prompt(){var r=chosen();if(r&&p&&p.dataset[r.dataset.c])p.textContent=p.dataset[r.dataset.c]}
function save(){var r=chosen();if(!r||!window.fetch||!window.URLSearchParams)return;
fetch(f.action,{method:'POST',body:new URLSearchParams(new FormData(f)),credentials:'omit',redirect:'manual'}).then(function(res){if(res.ok)st.textContent=st.dataset.saved})['catch'](function(){})}
function acted(e){if(e.isTrusted)act=Date.now()}
['pointerdown','keydown','click'].forEach(function(n){f.addEventListener(n,acted,true)});
f.addEventListener('change',function(e){if(e.target.name!=='score')return;prompt();
if(!e.isTrusted||Date.now()-act>1000)return;clearTimeout(t);t=setTimeout(save,500)});
f.addEventListener('submit',function(){clearTimeout(t)});
prompt()})()`
