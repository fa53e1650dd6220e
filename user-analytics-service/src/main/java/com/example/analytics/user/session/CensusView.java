package com.example.analytics.user.session;

/** What an interactive query can do with a partition's census: take a consistent snapshot. */
public interface CensusView {
    CensusSnapshot snapshot();
}
