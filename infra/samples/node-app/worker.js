// Sample background process (Procfile "worker"): no port, just work on a timer until stopped.
let ticks = 0;
const timer = setInterval(() => {
  ticks += 1;
  console.log(`worker tick ${ticks}, GREETING=${process.env.GREETING || 'unset'}`);
}, 5000);

process.on('SIGTERM', () => {
  clearInterval(timer);
  console.log('worker: SIGTERM, stopping');
  process.exit(0);
});
