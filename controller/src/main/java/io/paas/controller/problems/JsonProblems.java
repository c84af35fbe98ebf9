package io.paas.controller.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.paas.controller.platform.StrictJson;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** What was wrong with a request body, in words: where (a.b.c) and what type was expected there. */
final class JsonProblems {
    private JsonProblems() {
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof StrictJson.NulInString nul) {
            return nul.getOriginalMessage();
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return "the request body is not valid JSON";
        }
        String where = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String expected = e instanceof MismatchedInputException mismatch ? kind(mismatch.getTargetType()) : null;
        if (where.isEmpty()) {
            return "the request body must be " + (expected == null ? "a JSON object of this call's fields" : expected);
        }
        return where + " must be " + (expected == null ? "of another type" : expected);
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a " + type.getSimpleName();
    }
}
