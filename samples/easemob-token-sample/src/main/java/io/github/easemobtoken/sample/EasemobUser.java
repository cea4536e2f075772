package io.github.easemobtoken.sample;

/**
 * An Easemob user as the users API describes it.
 *
 * @param uuid the user's UUID
 * @param username the user name
 * @param activated whether the user can log in
 * @param created when the user was created, epoch milliseconds
 */
public record EasemobUser(String uuid, String username, boolean activated, long created) {
}
