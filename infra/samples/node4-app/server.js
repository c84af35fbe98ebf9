// Written for Node.js 4: var, function expressions, no arrow functions or template strings.
var express = require('express');
var os = require('os');

var app = express();
var port = process.env.PORT || 5000;

app.get('/', function (req, res) {
  res.send('Powered by Express ' + require('express/package.json').version + ' on node ' + process.version +
    ', host=' + os.hostname() + '\n');
});

var server = app.listen(port, function () {
  console.log('listening on ' + port + ' with node ' + process.version);
});

process.on('SIGTERM', function () {
  console.log('SIGTERM: closing server');
  server.close(function () { process.exit(0); });
});
