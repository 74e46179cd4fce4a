#!/bin/sh
echo "script ran as $0"
