#!/usr/bin/env node
'use strict';
// Runs the local fake Currents API so the nodes can be tried without a Currents account:
// point the "Currents TestOps API" credential's Base URL at the printed address.
const { createCurrentsFake } = require('../test/fakes/currents-api');

const port = Number(process.env.PORT || 4010);
const key = process.env.CURRENTS_FAKE_KEY || 'test-currents-key';
const fake = createCurrentsFake({ apiKeys: [key] });
fake.listen(port).then((url) => {
	console.log(`Fake Currents API on ${url}  (API key: ${key}; projects proj_alpha, proj_beta)`);
	console.log(`State: ${url}/__fake/state   Requests: ${url}/__fake/requests`);
});
