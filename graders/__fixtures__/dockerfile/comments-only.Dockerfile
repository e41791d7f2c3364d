# syntax=docker/dockerfile:1
# TODO

