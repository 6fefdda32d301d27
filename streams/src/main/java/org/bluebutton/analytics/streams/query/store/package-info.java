/**
 * Store access: the queryable stores and their serdes ({@link org.bluebutton.analytics.streams.query.store.Stores}),
 * reads of the partitions active here, and reads routed to the instance that owns a key or gathered
 * from every instance, over the internal routes.
 */
package org.bluebutton.analytics.streams.query.store;
