package dev.nhiguard.policy;

/**
 * A refused client save. After the save ({@code REGISTERED}, {@code UPDATED}) the client is already written inside the
 * request's transaction: an enforcing executor then marks it for rollback, a report-only one lets it stand.
 */
public final class SaveRefusal extends DescribedPolicyException {

    private final boolean alreadyWritten;

    public SaveRefusal(String error, String description, boolean alreadyWritten) {
        super(error, description);
        this.alreadyWritten = alreadyWritten;
    }

    public boolean alreadyWritten() {
        return alreadyWritten;
    }
}
