package io.inlet.kinesis;

import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/** Makes one {@link InletShardProcessor} per shard lease the KCL hands this worker. */
final class InletProcessorFactory implements ShardRecordProcessorFactory {

    private final ProcessorContext context;

    InletProcessorFactory(ProcessorContext context) {
        this.context = context;
    }

    @Override
    public ShardRecordProcessor shardRecordProcessor() {
        return new InletShardProcessor(context);
    }
}
