// Progressive enhancement for the hosted survey page (it works fully without this script):
// a chosen score is saved at once (the link's preselected one on load), and the follow-up prompt
// follows the score's category. Allowed by its hash in the CSP; it uses no other source.
export const PAGE_SCRIPT = `(function(){var f=document.getElementById('kp-form');if(!f||!window.fetch||!window.URLSearchParams)return;
var st=document.getElementById('kp-status'),p=document.getElementById('kp-prompt'),t=0;
function save(){var r=f.querySelector('input[name=score]:checked');if(!r)return;
if(p&&p.dataset[r.dataset.c])p.textContent=p.dataset[r.dataset.c];
fetch(f.action,{method:'POST',body:new URLSearchParams(new FormData(f)),credentials:'omit',redirect:'manual'}).then(function(res){if(res.ok)st.textContent=st.dataset.saved})['catch'](function(){})}
f.addEventListener('change',function(e){if(e.target.name!=='score')return;clearTimeout(t);t=setTimeout(save,500)});
save()})()`
