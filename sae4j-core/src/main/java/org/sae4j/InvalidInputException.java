package org.sae4j;

/**
 * A user error: bad file, bad value, impossible setting. Its message is one sentence that names the
 * file, field or value and says what was expected; the CLI prints it without a stack trace.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
