package org.bluebutton.analytics.streams.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** Every kind of state store's metrics reach Prometheus under one tag key. */
class StateStoreMetricTagsTest {

    @Test
    void a_window_store_and_an_in_memory_store_metric_register_beside_a_rocksdb_one() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new StateStoreMetricTags());

        for (String kind : new String[] {"rocksdb.state.id", "rocksdb.window.state.id", "in.memory.state.id"}) {
            Gauge.builder("kafka.stream.state.put.latency.avg", () -> 1.0).tag(kind, "store-of-" + kind).tag("task.id", "0_1").register(registry);
        }

        assertThat(registry.find("kafka.stream.state.put.latency.avg").meters()).hasSize(3)
                .extracting(Meter::getId).allSatisfy(id -> assertThat(id.getTag(StateStoreMetricTags.STORE_TAG)).isNotNull());
    }
}
