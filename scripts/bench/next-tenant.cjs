// autocannon's worker thread loads this with require(), hence plain CommonJS. Without it every
// connection walks the tenant list from the start, so a short run only ever reaches the first few
// dozen tenants; one counter shared by all connections sends request n to tenant n mod count.
let next = 0;
module.exports = (req) => ({ ...req, headers: { ...req.headers, host: req.hosts[next++ % req.hosts.length] } });
