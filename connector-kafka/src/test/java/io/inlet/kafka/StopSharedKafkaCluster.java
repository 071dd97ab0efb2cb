package io.inlet.kafka;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Stops this module's shared Kafka cluster when the test plan ends, before the JVM exits (registered in
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}); see {@link KafkaTestCluster#stopShared}.
 */
public final class StopSharedKafkaCluster implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        KafkaTestCluster.stopShared();
    }
}
