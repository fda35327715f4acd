-- One database per service: the command services keep their state and CAP outbox/inbox in theirs;
-- the query services keep only CAP's inbox (their read models live in MongoDB).
CREATE DATABASE reader_command;
CREATE DATABASE reader_query;
CREATE DATABASE lending_command;
CREATE DATABASE lending_query;
CREATE DATABASE identity;
