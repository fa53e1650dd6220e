package com.example.analytics.support.streams;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.model.validation.InvalidRecordException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net behind the validation step: whatever still fails to deserialize or throws inside a processor is
 * dead-lettered with its original bytes and the stream thread carries on with the next record. If the DLQ itself
 * cannot be written the handler answers FAIL, so the record is retried after the thread is replaced, never lost.
 */
public final class DeadLetterExceptionHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** Names the service in DLQ headers; set by the streams configuration. */
    public static final String SERVICE_CONFIG = "analytics.dead-letter.service";
    /** The DLQ reason of a record a processor threw on, beside the validation reasons. */
    public static final String PROCESSING_ERROR = "PROCESSING_ERROR";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    private DeadLetterPublisher publisher;
    private String service;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(DeadLetterPublisher.CONFIG);
        if (!(configured instanceof DeadLetterPublisher deadLetterPublisher)) {
            throw new IllegalStateException(DeadLetterPublisher.CONFIG + " must hold a DeadLetterPublisher");
        }
        this.publisher = deadLetterPublisher;
        this.service = String.valueOf(configs.get(SERVICE_CONFIG));
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        boolean published = deadLetter(context, record.key(), record.value(), record.headers(), exception);
        return published ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        log.error("Processor {} failed on {}-{}@{}; dead-lettering the source record", context.processorNodeId(),
                context.topic(), context.partition(), context.offset(), exception);
        boolean published = deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), context.headers(),
                exception);
        return published ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
    }

    private boolean deadLetter(ErrorHandlerContext context, byte[] key, byte[] value, Headers original,
                               Exception exception) {
        String reason = exception instanceof InvalidRecordException invalid
                ? invalid.reason().name() : PROCESSING_ERROR;
        Headers headers = DeadLetters.headers(original, service, context.topic(), context.partition(),
                context.offset(), exception, reason);
        try {
            publisher.publish(new ProducerRecord<>(Topics.ANALYTICS_DLQ.name(), null, key, value, headers),
                    context.topic(), reason);
            return true;
        } catch (Exception e) {
            log.error("Cannot write {}-{}@{} to {}; failing the task so the record is retried", context.topic(),
                    context.partition(), context.offset(), Topics.ANALYTICS_DLQ.name(), e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
