document.querySelector('#app')!.textContent = '济南党组织图谱';
